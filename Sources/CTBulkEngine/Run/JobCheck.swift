import CTBulkCore

/// The validation gate of plan, apply and reconcile: a job file read and validated, admitted to a run only when it
/// has no errors.
public struct JobCheck {
    public let reader: JobFileReader
    /// The validation result (with any cross-check merged in by the caller).
    public var result: ValidationResult

    /// Why a job is not admitted.
    public enum Refusal: Error {
        /// The file has errors (the result says which).
        case invalid
        /// The file cannot be read (or hashed).
        case unreadable(JobFileError)
    }

    /// When the check also wrote the validation report: nil when it was not asked to, else whether it failed.
    public private(set) var report: Result<Void, ReportError>?

    /// A check already made (e.g. with a cross-check merged into `result`).
    public init(reader: JobFileReader, result: ValidationResult) {
        self.reader = reader
        self.result = result
    }

    /// Reads and validates `path`, writing the `--report` to `reportPath` in the same pass where the file allows it
    /// (``Validator/validate(_:problemLimit:collectRows:includeNotes:reportPath:language:)``).
    public init(path: String, options: JobReadOptions, problemLimit: Int? = 50, collectRows: Bool = true,
                reportPath: String, language: Language) throws(JobFileError) {
        reader = try JobFileReader(path: path, options: options)
        let (result, failure) = Validator.validate(reader, problemLimit: problemLimit, collectRows: collectRows,
                                                   reportPath: reportPath, language: language)
        self.result = result
        if let failure { report = .failure(failure) } else { report = .success(()) }
    }

    /// Reads and validates `path`, collecting its rows unless `collectRows` is false (validation alone).
    public init(path: String, options: JobReadOptions, problemLimit: Int? = 50, collectRows: Bool = true) throws(JobFileError) {
        reader = try JobFileReader(path: path, options: options)
        result = Validator.validate(reader, problemLimit: problemLimit, collectRows: collectRows)
    }

    /// The job, ready to plan: refused when the file has errors. With `skippingInvalid` (`--skip-invalid`), a file
    /// whose errors are all in rows is admitted with its valid rows, and carries the others (``ValidJob/invalid``)
    /// for the reports; errors of the file itself (its header, its syntax) and a file without one valid row are
    /// still refused.
    public func admit(skippingInvalid: Bool = false) throws(Refusal) -> ValidJob {
        if result.hasErrors {
            guard skippingInvalid, result.fileErrorCount == 0, result.stoppedAt == nil, !result.rows.isEmpty else { throw .invalid }
        }
        let sha: String
        do { sha = try JobFileReader.sha256(path: result.path) } catch { throw .unreadable(error) }
        var job = ValidJob(rows: result.rows, csv: result.csv, path: result.path, sha256: sha)
        if result.hasErrors { job.invalid = result.invalidRows }
        return job
    }
}
