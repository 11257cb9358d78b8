using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Roster;

/// <summary>OneRoster 1.1 CSV files (valid by default), zipped for the import endpoint.</summary>
public static class RosterZip
{
    public const string Manifest = "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.1\r\nfile.orgs,bulk\r\nfile.users,bulk\r\nfile.classes,bulk\r\nfile.enrollments,bulk\r\n";
    public const string Orgs = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\norg1,,,Lincoln High,school,LH,\r\n";
    public const string UsersHeader = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\r\n";
    public const string ClassesHeader = "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\r\n";
    public const string EnrollmentsHeader = "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\r\n";

    public static string User(string id, string role = "student", string given = "Ada", string family = "Lovelace", string? email = null, string status = "", string org = "org1") =>
        $"{id},{status},,true,{org},{role},{id},,{given},{family},,,{email ?? id + "@lincoln.example"},,,,,\r\n";

    public static string Class(string id, string title = "Algebra", string status = "", string school = "org1") =>
        $"{id},{status},,\"{title}\",09,,{id}-code,scheduled,,{school},,,,\r\n";

    public static string Enrollment(string id, string classId, string userId, string role = "student", string status = "") =>
        $"{id},{status},,{classId},org1,{userId},{role},false,,\r\n";

    /// <summary>Two students and a teacher in one class.</summary>
    public static Dictionary<string, string> Valid(string prefix = "r") => new()
    {
        ["manifest.csv"] = Manifest,
        ["orgs.csv"] = Orgs,
        ["users.csv"] = UsersHeader + User($"{prefix}-t1", "teacher", "Tom", "Teach") + User($"{prefix}-s1") + User($"{prefix}-s2", given: "Alan", family: "Turing"),
        ["classes.csv"] = ClassesHeader + Class($"{prefix}-c1", "Algebra, Period 1"),
        ["enrollments.csv"] = EnrollmentsHeader + Enrollment($"{prefix}-e1", $"{prefix}-c1", $"{prefix}-t1", "teacher")
            + Enrollment($"{prefix}-e2", $"{prefix}-c1", $"{prefix}-s1") + Enrollment($"{prefix}-e3", $"{prefix}-c1", $"{prefix}-s2"),
    };

    public static byte[] Zip(IReadOnlyDictionary<string, string> files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }

    public static ByteArrayContent Content(byte[] body, string contentType = "application/zip")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> ImportAsync(this HttpClient client, string token, byte[] body, string contentType = "application/zip", string query = "")
    {
        using var request = ApiClient.Request(HttpMethod.Post, "/api/admin/roster/oneroster" + query, token);
        request.Content = Content(body, contentType);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }
}
