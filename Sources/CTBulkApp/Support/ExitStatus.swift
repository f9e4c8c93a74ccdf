/// The process exit codes ctbulk uses (sysexits.h where one fits, Terraform's 0/1/2 for plans and drift).
public enum ExitStatus: Int32, Sendable {
    /// Success; for `plan --detailed-exitcode` and `reconcile`: nothing to change.
    case ok = 0
    /// A failure that is not the input's fault.
    case failure = 1
    /// `plan --detailed-exitcode`: changes pending; `reconcile`: drift found.
    case changes = 2
    /// Bad command line.
    case usage = 64
    /// The job file has errors.
    case dataError = 65
    /// The job file cannot be read.
    case noInput = 66
    /// The journal (or another file ctbulk keeps) cannot be read or written: damaged, no space, no permission.
    case ioError = 74
    /// A run stopped and can be resumed (points budget spent, breaker, Ctrl-C, another run holds the lock).
    case tempFail = 75
    /// The API refused the credentials.
    case noPermission = 77
    /// The API's address is wrong: it answered with a redirect (3xx), which ctbulk never follows (sysexits
    /// EX_CONFIG).
    case config = 78
}
