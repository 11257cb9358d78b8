using System.Runtime.InteropServices;

namespace EdTech.Cli.Commands.Docs.OpenApi;

/// <summary>
/// The hosted LocalHost makes the process umask 077 for its data folder (PrivateDataFolder); the documentation files
/// the command writes afterwards belong to the repository and keep the user's own umask, restored by this scope.
/// </summary>
internal static partial class ProcessUmask
{
    public static IDisposable Preserve()
    {
        if (OperatingSystem.IsWindows())
        {
            return new Restore(null);
        }

        var current = Umask(0b000_010_010);
        _ = Umask(current);
        return new Restore(current);
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);

    private sealed class Restore(uint? mask) : IDisposable
    {
        public void Dispose()
        {
            if (mask is { } value)
            {
                _ = Umask(value);
            }
        }
    }
}
