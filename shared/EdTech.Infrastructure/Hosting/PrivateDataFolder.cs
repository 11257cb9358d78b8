using System.Runtime.InteropServices;

namespace EdTech.Infrastructure.Hosting;

/// <summary>
/// The LocalHost's data folder holds every tenant's personal data and answer keys (SQLite file, WAL, notification
/// log, token key): readable by its owner only. New folders are created 0700; every file the process creates from
/// then on is 0600 (process umask 077, which also covers SQLite's WAL/SHM files and the durable sidecar's socket);
/// an existing folder that is wider is reported (not silently changed: an operator may have chosen it).
/// </summary>
public static partial class PrivateDataFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <returns>A warning to log when the existing folder is readable or writable by other local users; otherwise null.</returns>
    public static string? Ensure(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return null;
        }

        RestrictNewFiles();
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, OwnerOnly);
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & GroupOrOther) == 0
            ? null
            : $"Data folder {Path.GetFullPath(path)} is accessible to other local users (mode {Octal(mode)}); it holds personal data: chmod 700 it.";
    }

    /// <summary>The process umask 077: files and folders created from now on are owner-only.</summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = Umask(0b000_111_111);
        }
    }

    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
