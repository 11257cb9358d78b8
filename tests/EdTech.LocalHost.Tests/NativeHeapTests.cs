using System.Runtime.InteropServices;
using EdTech.LocalHost;

namespace EdTech.LocalHost.Tests;

/// <summary>The idle trim's second half: the C heap's free pages go back to the operating system (glibc's malloc_trim).</summary>
public sealed class NativeHeapTests
{
    [Fact]
    public void Trim_AfterManySmallNativeBlocksAreFreed_ReturnsPagesToTheSystem_OnGlibcLinux()
    {
        // 64 MB in 16 KB blocks (below malloc's mmap threshold, so they come from the heap and stay there once freed).
        var blocks = Enumerable.Range(0, 4096).Select(_ => Marshal.AllocHGlobal(16 * 1024)).ToList();
        foreach (var block in blocks)
        {
            // Touch each page so the block is resident.
            for (var offset = 0; offset < 16 * 1024; offset += 4096)
            {
                Marshal.WriteByte(block, offset, 1);
            }
        }

        blocks.ForEach(Marshal.FreeHGlobal);

        var trimmed = NativeHeap.Trim();

        // Linux with glibc (this project's CI and the Functions Flex Consumption workers): something was returned. Elsewhere
        // (Windows, macOS, musl) the call is a no-op that says so.
        Assert.Equal(OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libc.so.6", out _), trimmed);
    }
}
