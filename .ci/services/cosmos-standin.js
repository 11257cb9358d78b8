// Runs @vercel/cosmosdb-server (a Cosmos DB stand-in) on loopback for the Cosmos store contract tests.
// Usage: node cosmos-standin.js <node_modules dir> <port>
//
// One adjustment, so the stand-in accepts what the real gateway accepts: the .NET SDK sends a query on a
// partition-key prefix (the tenant level of the hierarchical key) as a query scoped to an effective
// partition-key range (x-ms-start-epk/x-ms-end-epk). The stand-in knows no such ranges and rejects any
// query whose WHERE does not pin every partition-key path; it is told to run these queries over all its
// data instead. The range's tenant filtering is then the adapter's own WHERE c.tenantId term, which the
// contract's tenant-isolation tests check.
//
// Second adjustment: a point read of a missing item makes the stand-in's read handler throw (it reads a
// property of the absent item) and answer 500, where Cosmos answers 404. The adapter's GetAsync is a point
// read, so the handler is wrapped (before the router captures it) to answer 404 NotFound instead.
const path = require("path");
const lib = path.resolve(process.argv[2], "@vercel/cosmosdb-server");
const readDocument = require(path.join(lib, "lib/handler/read-document"));
const readOne = readDocument.default;
readDocument.default = (account, req, res, params) => {
  try {
    return readOne(account, req, res, params);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    res.statusCode = 404;
    return { code: "NotFound", message: "Entity with the specified id does not exist in the system." };
  }
};
const { createHttpsServer } = require(lib);

const port = Number(process.argv[3] || 8081);
const server = createHttpsServer();
server.prependListener("request", (req) => {
  if (req.headers["x-ms-documentdb-isquery"] && req.headers["x-ms-start-epk"] !== undefined) {
    req.headers["x-ms-documentdb-query-enablecrosspartition"] = "true";
  }
});
server.listen(port, "127.0.0.1", () => console.log(`Cosmos DB stand-in listening on https://127.0.0.1:${port}/`));
