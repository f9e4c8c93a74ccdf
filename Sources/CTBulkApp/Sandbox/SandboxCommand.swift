import CTBulkCore
import CTBulkSandbox
import Foundation

/// `ctbulk sandbox`: serves the embedded fake of both APIs in the foreground on 127.0.0.1.
public enum SandboxCommand {
    public struct Options: Sendable {
        public var port = 8080
        /// `--numbers N`: N generated numbers (a deterministic share used).
        public var numbers: Int?
        /// `--state FILE`: a job-shaped file (a row with settings is a used number, a row with only a number a free
        /// one), or the name of a preset (`demo`, `empty`).
        public var stateFile: String?
        public var rateLimit = 5
        public var budget = 100_000
        public var latencyMilliseconds = 0
        public var faults: String?
        public var seed: UInt64 = 0
        public var token = SandboxConfiguration.defaultAccessToken
        public var siteID = SandboxConfiguration.defaultSiteID

        public init() {}
    }

    public static func run(_ options: Options, console: any Console) async -> Int32 {
        var configuration = SandboxConfiguration(port: options.port, accessToken: options.token, siteID: options.siteID,
                                                 rateLimit: options.rateLimit > 0 ? options.rateLimit : nil,
                                                 pointsBudget: options.budget,
                                                 latency: .milliseconds(options.latencyMilliseconds), seed: options.seed)
        if let spec = options.faults {
            do { configuration.faults = try FaultSpec(parsing: spec) } catch {
                console.err("--faults: \(error)")
                return ExitStatus.usage.rawValue
            }
        }
        if let numbers = options.numbers {
            configuration.load(numbers: SandboxPreset.numbers(numbers).numbers(seed: options.seed))
        } else if let state = options.stateFile {
            if let preset = try? SandboxPreset(parsing: state), !FileManager.default.fileExists(atPath: state) {
                configuration.load(numbers: preset.numbers(seed: options.seed))
            } else {
                switch loadState(state) {
                case .success(let numbers): configuration.load(numbers: numbers)
                case .failure(let error):
                    console.err(error.message(.en))
                    return ExitStatus.noInput.rawValue
                }
            }
        } else {
            configuration.load(numbers: SandboxPreset.demo.numbers(seed: options.seed))
        }
        do {
            try await Sandbox.runForeground(configuration) { running in
                console.out(running.summaryLine)
            }
            return ExitStatus.ok.rawValue
        } catch {
            console.err("sandbox: \(error)")
            return ExitStatus.failure.rawValue
        }
    }

    /// Reads a job-shaped state file: every row with a valid number becomes a number of the account.
    static func loadState(_ path: String) -> Result<[PhoneNumber: NumberSettings?], JobFileError> {
        do {
            let reader = try JobFileReader(path: path)
            var numbers: [PhoneNumber: NumberSettings?] = [:]
            try? reader.forEachRow { row in
                guard let job = row.built.jobRow else { return }
                numbers[job.phoneNumber] = job.settings.isEmpty ? .some(nil) : .some(job.settings)
            }
            return .success(numbers)
        } catch {
            return .failure(error)
        }
    }
}
