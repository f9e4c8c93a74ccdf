/// Plain `--name value` / `--flag` parsing for the benchmark (no dependency beyond the target's own).
struct Arguments {
    private(set) var positional: [String] = []
    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    private var consumed: Set<String> = []

    /// Options that take a value; everything else starting with `--` is a flag.
    static let valued: Set<String> = [
        "rows", "rate", "latency-ms", "writes", "concurrency", "outcomes", "report", "dir", "seed",
        "json-out", "margin-ms", "read-batch-size", "timeline", "rounds", "encodings", "python", "python-script",
    ]

    init(_ arguments: some Sequence<String>) throws(UsageError) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            guard argument.hasPrefix("--"), argument.count > 2 else {
                positional.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if Self.valued.contains(name) {
                guard let value = inline ?? iterator.next() else { throw UsageError("--\(name) needs a value") }
                values[name] = value
            } else {
                guard inline == nil else { throw UsageError("--\(name) takes no value") }
                flags.insert(name)
            }
        }
    }

    mutating func flag(_ name: String) -> Bool {
        consumed.insert(name)
        return flags.contains(name)
    }

    mutating func string(_ name: String) -> String? {
        consumed.insert(name)
        return values[name]
    }

    mutating func int(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = string(name) else { return fallback }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(value) else {
            throw UsageError("--\(name) must be a whole number within \(range.lowerBound)...\(range.upperBound), not \(text)")
        }
        return value
    }

    /// A comma-separated list of whole numbers (`--rows 200000,1000000`).
    mutating func ints(_ name: String, default fallback: [Int], range: ClosedRange<Int>) throws(UsageError) -> [Int] {
        guard let text = string(name) else { return fallback }
        var out: [Int] = []
        for part in text.split(separator: ",") {
            guard let value = Int(part.replacingOccurrences(of: "_", with: "")), range.contains(value) else {
                throw UsageError("--\(name) must list whole numbers within \(range.lowerBound)...\(range.upperBound), not \(text)")
            }
            out.append(value)
        }
        guard !out.isEmpty else { throw UsageError("--\(name) is empty") }
        return out
    }

    /// Fails on options no benchmark asked about (typos).
    func checkAllUsed() throws(UsageError) {
        let unknown = Set(values.keys).union(flags).subtracting(consumed)
        if let first = unknown.sorted().first { throw UsageError("unknown option --\(first) for this benchmark") }
    }
}

struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A benchmark that could not run (not a usage mistake).
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
