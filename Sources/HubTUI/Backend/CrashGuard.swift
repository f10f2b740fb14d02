import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// On a crash (a Swift trap is SIGILL or SIGTRAP; others SIGSEGV, SIGBUS, SIGABRT, SIGFPE) give
/// the terminal back before the process dies, so the shell is usable and the error readable.
public enum CrashGuard {
    public static func install() {
        for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            signal(sig) { s in
                endwin()
                nc_modes_off() // or the shell gets mouse reports and paste markers
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }
}
