using System.IO.Compression;

namespace EdTech.Application.Roster;

public enum RosterPackageErrorKind
{
    /// <summary>The body is not a zip archive (400).</summary>
    NotAZip,
    /// <summary>Too many entries or too many uncompressed bytes: a zip bomb or an oversized roster (413).</summary>
    TooLarge,
    /// <summary>A required file is missing or unreadable, or a header lacks a required column (422).</summary>
    BadFile,
}

/// <summary>Why a package was refused as a whole; <see cref="Field"/> names the body or the file.</summary>
public sealed record RosterPackageError(RosterPackageErrorKind Kind, string Field, string Message);

/// <summary>The CSV files of a OneRoster bulk zip, keyed by lower-case file name ("users.csv").</summary>
public sealed class RosterPackage
{
    public const long MaxUncompressedBytes = 64L * 1024 * 1024;
    public const int MaxEntries = 32;

    public static IReadOnlyList<string> RequiredFiles { get; } = ["manifest.csv", "orgs.csv", "users.csv", "classes.csv", "enrollments.csv"];

    public static IReadOnlyList<string> OptionalFiles { get; } = ["courses.csv", "academicsessions.csv", "roles.csv"];

    private RosterPackage(Dictionary<string, CsvTable> files, IReadOnlyList<string> ignored)
    {
        Files = files;
        Ignored = ignored;
    }

    public IReadOnlyDictionary<string, CsvTable> Files { get; }

    /// <summary>Entries that are not files this import reads (e.g. demographics.csv), reported, not read.</summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <summary>
    /// Opens the zip. Sizes are counted while inflating (an entry's declared length can lie), so a
    /// bomb stops at <see cref="MaxUncompressedBytes"/> whatever its headers say.
    /// </summary>
    public static (RosterPackage? Package, RosterPackageError? Error) Open(ReadOnlyMemory<byte> zip)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip.ToArray(), writable: false), ZipArchiveMode.Read);
            if (archive.Entries.Count > MaxEntries)
            {
                return (null, new(RosterPackageErrorKind.TooLarge, "body", $"At most {MaxEntries} entries in the zip."));
            }

            var files = new Dictionary<string, CsvTable>(StringComparer.Ordinal);
            var ignored = new List<string>();
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                var name = entry.FullName.ToLowerInvariant();
                if (!RequiredFiles.Contains(name) && !OptionalFiles.Contains(name))
                {
                    ignored.Add(entry.FullName);
                    continue;
                }

                var (bytes, tooLarge) = Inflate(entry, MaxUncompressedBytes - total);
                if (tooLarge)
                {
                    return (null, new(RosterPackageErrorKind.TooLarge, "body", $"At most {MaxUncompressedBytes} bytes uncompressed."));
                }

                total += bytes!.Length;
                var (table, error) = CsvReader.Parse(bytes);
                if (error is not null)
                {
                    return (null, new(RosterPackageErrorKind.BadFile, name, error));
                }

                files[name] = table!;
            }

            var missing = RequiredFiles.FirstOrDefault(f => !files.ContainsKey(f));
            return missing is null
                ? (new RosterPackage(files, ignored), null)
                : (null, new(RosterPackageErrorKind.BadFile, missing, $"The zip has no {missing} at its root."));
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or IOException)
        {
            return (null, new(RosterPackageErrorKind.NotAZip, "body", "The body is not a readable zip archive."));
        }
    }

    private static (byte[]? Bytes, bool TooLarge) Inflate(ZipArchiveEntry entry, long budget)
    {
        if (entry.Length > budget)
        {
            return (null, true);
        }

        using var input = entry.Open();
        using var output = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = input.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (output.Length + read > budget)
            {
                return (null, true);
            }

            output.Write(chunk, 0, read);
        }

        return (output.ToArray(), false);
    }
}
