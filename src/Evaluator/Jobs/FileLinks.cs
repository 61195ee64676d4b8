namespace Contest.Evaluator.Jobs;

/// <summary>Puts a file at a second place: a hard link where the disk allows it, a copy otherwise.</summary>
internal static class FileLinks
{
    public static void LinkOrCopy(string source, string target)
    {
        if (OperatingSystem.IsLinux() && Native.Link(source, target) == 0)
            return;
        File.Copy(source, target, overwrite: true);
    }

    private static class Native
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
        public static extern int Link([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string oldPath,
            [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string newPath);
    }
}
