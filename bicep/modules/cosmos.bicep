// Cosmos DB for NoSQL: one database, one container per record type (shared/EdTech.Application/Storage/Containers.cs).
// Every container is keyed /tenantId then /partitionKey (the record's PartitionKey: course, user or the id), so a
// tenant's data never shares a logical partition with another's and a big tenant spreads over many partitions.
// Keys are off (disableLocalAuth): the app's identity has the built-in Data Contributor SQL role.
param name string
param location string
param tags object
param serverless bool
param identityPrincipalId string
param principalId string
param databaseName string = 'edtech'

// Capacity. Autoscale bills each hour for the highest RU/s it scaled to, at least a tenth of its ceiling, so every
// dedicated ceiling is an idle floor: only the containers the exam peak writes hardest get one.
//  - intake: `submissions` and `submission-views`, written by every submit (the student's 202 waits on them) and by
//    grading, and read by every student polling for a result. A throttled write here is a slow or retried submit.
//  - answers: `responses` and `item-stats`, written by the learning projection once per answered item (about 20
//    writes per submission, the largest volume of the peak), and `learner-state` (a large document per submission). On the shared pool they would starve the
//    reads every submit makes (enrollments, assessments, tenants), so they get their own ceiling.
// Everything else (registry, courses, the other projections such as gradebook, review queue and statistics, one
// write per submission each, fed by the change feed, which waits out a 429 and catches up) shares the database's
// autoscale throughput. Serverless (dev): no throughput at all, pay per request, nothing when idle.

@description('Autoscale ceiling (RU/s) shared by the database\'s containers without their own (idles at a tenth).')
@minValue(1000)
param sharedMaxThroughput int = 4000

@description('Autoscale ceiling (RU/s) of each intake container (submissions, submission-views): the exam peak\'s submit path.')
@minValue(1000)
param intakeMaxThroughput int = 10000

@description('Autoscale ceiling (RU/s) of each per-answer projection container (responses, item-stats, learner-state).')
@minValue(1000)
param answersMaxThroughput int = 4000

var ceilings = { shared: 0, intake: intakeMaxThroughput, answers: answersMaxThroughput }

// Fields each container is queried on: exactly QueriedFields.ByContainer (shared/EdTech.Application/Storage), which
// both store adapters enforce; BicepContainersTests fails when the two differ. The adapter keeps the record under
// `doc`, so a field's index path is /doc/<field>/?. Everything else is left out of the index (cheaper writes).
var containers = [
  { name: 'tenants', fields: ['parentId'], throughput: 'shared' }
  { name: 'users', fields: ['searchName', 'searchEmail', 'roles/[]'], throughput: 'shared' }
  { name: 'courses', fields: [], throughput: 'shared' }
  { name: 'enrollments', fields: ['userId', 'role', 'section'], throughput: 'shared' }
  { name: 'assessments', fields: ['state'], throughput: 'shared' }
  { name: 'assessment-versions', fields: [], throughput: 'shared' }
  { name: 'submissions', fields: ['assessmentId', 'status', 'userId'], throughput: 'intake' }
  { name: 'submission-views', fields: [], throughput: 'intake' }
  { name: 'gradebook', fields: ['userId'], throughput: 'shared' }
  { name: 'audit', fields: ['actorUserId', 'at'], throughput: 'shared' }
  { name: 'directory-mappings', fields: [], throughput: 'shared' }
  { name: 'modules', fields: [], throughput: 'shared' }
  { name: 'grading-schemes', fields: [], throughput: 'shared' }
  { name: 'review-queue', fields: ['status', 'userId'], throughput: 'shared' }
  { name: 'assessment-statistics', fields: ['userId'], throughput: 'shared' }
  { name: 'assessment-releases', fields: [], throughput: 'shared' }
  { name: 'notifications', fields: [], throughput: 'shared' }
  { name: 'learner-state', fields: ['courseId'], throughput: 'answers' }
  { name: 'item-stats', fields: [], throughput: 'answers' }
  { name: 'responses', fields: ['userId'], throughput: 'answers' }
  { name: 'recommendations', fields: [], throughput: 'shared' }
  { name: 'skill-graphs', fields: [], throughput: 'shared' }
  { name: 'item-parameters', fields: [], throughput: 'shared' }
  { name: 'item-ratings', fields: ['userId'], throughput: 'shared' }
  { name: 'tagging-jobs', fields: ['status'], throughput: 'shared' }
  { name: 'poison', fields: ['userId'], throughput: 'shared' }
  { name: 'integration-events', fields: [], throughput: 'shared' }
  { name: 'workflow-runs', fields: ['status'], throughput: 'shared' }
  { name: 'skill-taxonomy', fields: [], throughput: 'shared' }
  { name: 'tagging-suggestions', fields: ['assessmentId', 'itemId', 'status'], throughput: 'shared' }
  { name: 'usage-events', fields: [], throughput: 'answers' }
  { name: 'usage-student-days', fields: ['userId'], throughput: 'answers' }
  { name: 'course-usage', fields: [], throughput: 'shared' }
  { name: 'usage-module-progress', fields: ['userId'], throughput: 'shared' }
  { name: 'tagging-usage', fields: [], throughput: 'shared' }
  { name: 'analytics-student-weeks', fields: ['userId'], throughput: 'shared' }
  { name: 'course-analytics-weeks', fields: [], throughput: 'shared' }
  { name: 'course-analytics-items', fields: [], throughput: 'shared' }
  { name: 'simulations', fields: ['status'], throughput: 'shared' }
  { name: 'rubrics', fields: [], throughput: 'shared' }
  { name: 'rubric-versions', fields: [], throughput: 'shared' }
  { name: 'attempts', fields: ['assessmentId', 'userId'], throughput: 'shared' }
]

var dataContributorRole = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: serverless ? [{ name: 'EnableServerless' }] : []
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
    options: serverless ? {} : { autoscaleSettings: { maxThroughput: sharedMaxThroughput } }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for c in containers: {
  parent: database
  name: c.name
  properties: {
    resource: {
      id: c.name
      partitionKey: {
        paths: ['/tenantId', '/partitionKey']
        kind: 'MultiHash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        // Key paths (every query filters the tenant and often the partition; `id`, which every query orders by,
        // is always indexed) plus the container's queried fields under the adapter's `doc`.
        includedPaths: concat([{ path: '/tenantId/?' }, { path: '/partitionKey/?' }], map(c.?fields ?? [], f => { path: '/doc/${f}/?' }))
        excludedPaths: [{ path: '/*' }, { path: '/"_etag"/?' }]
      }
    }
    // No options: the container draws on the database's shared throughput (or, serverless, on nothing).
    options: serverless || (c.?throughput ?? 'shared') == 'shared' ? {} : { autoscaleSettings: { maxThroughput: ceilings[c.throughput] } }
  }
}]

// The change-feed triggers' lease container (CosmosStoreOptions.LeaseContainer): not a record type, so it is not
// in the list above; the Functions Cosmos DB extension requires its partition key to be /id.
resource leases 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'leases'
  properties: {
    resource: {
      id: 'leases'
      partitionKey: {
        paths: ['/id']
        kind: 'Hash'
      }
    }
  }
}

resource appDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, identityPrincipalId, dataContributorRole)
  properties: {
    principalId: identityPrincipalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRole}'
    scope: account.id
  }
}

resource operatorDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (!empty(principalId)) {
  parent: account
  name: guid(account.id, principalId, dataContributorRole)
  properties: {
    principalId: principalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRole}'
    scope: account.id
  }
}

output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
