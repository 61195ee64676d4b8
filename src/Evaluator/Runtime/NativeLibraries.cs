using System.Runtime.InteropServices;

namespace Contest.Evaluator.Runtime;

/// <summary>
/// dlopen with RTLD_GLOBAL: unlike NativeLibrary.Load, this makes a library's symbols visible to
/// libraries loaded later, which is what the TorchSharp repair and an external libtorch need.
/// </summary>
internal static partial class NativeLibraries
{
    private const int RtldNow = 0x2;
    private const int RtldGlobal = 0x100;

    public static void LoadGlobal(string path)
    {
        if (dlopen(path, RtldNow | RtldGlobal) == IntPtr.Zero)
            throw new DllNotFoundException($"could not load {path}: {Marshal.PtrToStringUTF8(dlerror())}");
    }

    [LibraryImport("libc", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr dlopen(string fileName, int flags);

    [LibraryImport("libc", EntryPoint = "dlerror")]
    private static partial IntPtr dlerror();
}
