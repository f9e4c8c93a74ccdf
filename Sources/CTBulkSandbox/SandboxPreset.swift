import CTBulkCore

/// A named initial state for the sandbox account: what `ctbulk sandbox --state demo` or `--state "numbers 500"`
/// starts with.
public enum SandboxPreset: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// No numbers at all.
    case empty
    /// The fixed demo account that `jobs/demo.csv` is written against (see ``demoNumbers``).
    case demo
    /// `count` generated numbers, see ``generatedNumbers(count:seed:)``.
    case numbers(Int)

    /// The largest `numbers N` preset: the generated numbers must stay within `79990000000...79999999999`.
    public static let maximumGeneratedCount = 10_000_000

    /// Reads `demo`, `empty`, `numbers N`, `numbers=N` or `numbers:N` (case-insensitive).
    public init(parsing text: String) throws(SandboxError) {
        let lowered = text.trimmingSpaces.lowercased()
        switch lowered {
        case "demo": self = .demo; return
        case "empty", "none": self = .empty; return
        default: break
        }
        guard lowered.hasPrefix("numbers") else { throw .unknownPreset(text) }
        var rest = Substring(lowered.dropFirst("numbers".count))
        while let first = rest.first, first == " " || first == "=" || first == ":" { rest.removeFirst() }
        guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(rest),
              count <= Self.maximumGeneratedCount else {
            throw .unknownPreset(text)
        }
        self = .numbers(count)
    }

    /// The numbers of this preset (`nil` settings = a free number). `seed` varies the generated preset only.
    public func numbers(seed: UInt64) -> [PhoneNumber: NumberSettings?] {
        switch self {
        case .empty: return [:]
        case .demo: return Self.demoNumbers
        case .numbers(let count): return Self.generatedNumbers(count: count, seed: seed)
        }
    }

    public var description: String {
        switch self {
        case .empty: return "empty"
        case .demo: return "demo"
        case .numbers(let count): return "numbers \(count)"
        }
    }

    /// The demo account: 79990000001–79990000004 free; 79990000005–79990000008 in pool "Осень" (yandex / cpc /
    /// autumn, redirect 74950000001; 79990000008 also has reserve 74950000002 after 30 s, ignoreEarlyMedia true);
    /// 79990000009–79990000012 in pool "Весна" (google / cpc / spring, redirect 74950000003); and 20 more free
    /// numbers 79990000100–79990000119.
    public static var demoNumbers: [PhoneNumber: NumberSettings?] {
        var numbers: [PhoneNumber: NumberSettings?] = [:]
        func phone(_ value: UInt64) -> PhoneNumber { PhoneNumber(canonical: String(value))! }
        for value: UInt64 in 79_990_000_001...79_990_000_004 { numbers[phone(value)] = .some(nil) }
        for value: UInt64 in 79_990_000_005...79_990_000_008 {
            let reserve = value == 79_990_000_008
                ? ReserveRedirect(reserveNumber: phone(74_950_000_002), reserveTimeOut: 30, ignoreEarlyMedia: true)
                : nil
            numbers[phone(value)] = NumberSettings(
                poolName: "Осень",
                displayOptions: DisplayOptions(source: "yandex", medium: "cpc", campaign: "autumn"),
                redirectOptions: RedirectOptions(redirectNumber: phone(74_950_000_001), reserve: reserve))
        }
        for value: UInt64 in 79_990_000_009...79_990_000_012 {
            numbers[phone(value)] = NumberSettings(
                poolName: "Весна",
                displayOptions: DisplayOptions(source: "google", medium: "cpc", campaign: "spring"),
                redirectOptions: RedirectOptions(redirectNumber: phone(74_950_000_003)))
        }
        for value: UInt64 in 79_990_000_100...79_990_000_119 { numbers[phone(value)] = .some(nil) }
        return numbers
    }

    /// `count` numbers `79990000000`, `79990000001`, ... About 60 % of them are used, the rest free; pool names,
    /// display options, redirects and reserves vary. The same `count` and `seed` always give the same account.
    public static func generatedNumbers(count: Int, seed: UInt64) -> [PhoneNumber: NumberSettings?] {
        precondition(count >= 0 && count <= maximumGeneratedCount, "generated count out of range")
        var rng = SplitMix64(seed: seed ^ 0x5EED_0000_C411_7000)
        let pools = ["Весна", "Лето", "Осень", "Зима", "Остальные"]
        let sources = ["yandex", "google", "vk", "avito", "direct"]
        let mediums = ["cpc", "organic", "referral", "offline"]
        let campaigns = ["spring", "summer", "autumn", "winter", "brand", "retargeting"]
        let keywords = ["окна", "двери", "потолки", "ремонт"]
        let timeouts = [10, 15, 20, 30, 45, 60, 90, 120]
        var numbers: [PhoneNumber: NumberSettings?] = [:]
        numbers.reserveCapacity(count)
        for index in 0..<count {
            let phone = PhoneNumber(canonical: String(79_990_000_000 + UInt64(index)))!
            guard rng.chance(0.6) else {
                numbers[phone] = .some(nil)
                continue
            }
            var display = DisplayOptions(source: rng.pick(sources), medium: rng.pick(mediums),
                                         campaign: rng.pick(campaigns))
            if rng.chance(0.3) { display.content = "ad\(1 + rng.nextInt(below: 9))" }
            if rng.chance(0.2) { display.keyword = rng.pick(keywords) }
            var settings = NumberSettings(poolName: rng.pick(pools), displayOptions: display)
            if rng.chance(0.8) {
                let target = PhoneNumber(canonical: String(74_950_000_001 + UInt64(rng.nextInt(below: 20))))!
                var redirect = RedirectOptions(redirectNumber: target)
                if rng.chance(0.25) {
                    redirect.reserve = ReserveRedirect(
                        reserveNumber: PhoneNumber(canonical: String(74_960_000_001 + UInt64(rng.nextInt(below: 20))))!,
                        reserveTimeOut: rng.pick(timeouts), ignoreEarlyMedia: rng.chance(0.7))
                }
                settings.redirectOptions = redirect
            }
            numbers[phone] = settings
        }
        return numbers
    }
}
