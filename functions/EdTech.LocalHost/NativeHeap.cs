using System.Runtime.InteropServices;

namespace EdTech.LocalHost;

/// <summary>
/// The C library's heap (glibc malloc), where SQLite, the runtime's native parts and OpenSSL allocate. After a burst its
/// freed chunks stay with the process (per-thread arenas, each with free pages in the middle) until <c>malloc_trim</c>
/// returns whole free pages to the operating system. A no-op where there is no glibc (Windows, macOS, musl).
/// </summary>
public static class NativeHeap
{
    /// <summary>Returns the C heap's free pages to the operating system; false where that is not possible here.</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return MallocTrim(0) == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // DllImport, not LibraryImport: the generated stub needs AllowUnsafeBlocks, and this blittable call needs no marshalling.
#pragma warning disable SYSLIB1054
    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054
}
