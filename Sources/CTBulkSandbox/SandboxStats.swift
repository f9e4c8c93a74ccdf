/// Counters of a running sandbox, as `GET /_sandbox/stats` serves them:
///
/// ```json
/// {"requests": {"update": 3, "list": 1, "uis": 0, ...},
///  "rejected": {"rate_limit": 0, "budget": 0, "auth": 0, "invalid": 0},
///  "writes": {"79990000005": {"create": 0, "update": 1, "delete": 0}},
///  "points": {"used": 4, "budget": 100000},
///  "faults": {"5xx": 0, "hang": 0, "drop": 0, "malformed": 0},
///  "fault_events": [{"sequence": 7, "kind": "drop", "endpoint": "update", "phoneNumber": "79990000005",
///                    "applied": true}]}
/// ```
public struct SandboxStats: Sendable, Codable, Equatable {
    /// Requests received per method (every one, rejected or not), by ``SandboxEndpoint`` raw value, plus `uis`
    /// for `POST /v2.0`. Methods not called are present with 0.
    public var requests: [String: Int]
    /// Requests refused before or by processing.
    public var rejected: Rejected
    /// Writes applied to the account per number (including writes applied before a hang or a drop).
    public var writes: [String: WriteCounts]
    /// Points used and the budget.
    public var points: Points
    /// Injected faults per kind.
    public var faults: Faults
    /// Every injected fault, in order (the most recent ``maximumFaultEvents`` only).
    public var faultEvents: [FaultEvent]

    /// How many fault events are kept.
    public static let maximumFaultEvents = 10_000

    private enum CodingKeys: String, CodingKey {
        case requests, rejected, writes, points, faults
        case faultEvents = "fault_events"
    }

    /// Refusals by reason.
    public struct Rejected: Sendable, Codable, Equatable {
        /// 429 answers.
        public var rateLimit = 0
        /// 403 `points_exhausted` answers.
        public var budget = 0
        /// 401 answers.
        public var auth = 0
        /// 400 / 404 answers (`invalid_request`, `number_is_free`, `number_in_use`, `number_not_found`).
        public var invalid = 0

        public init() {}

        private enum CodingKeys: String, CodingKey {
            case rateLimit = "rate_limit"
            case budget, auth, invalid
        }
    }

    /// Applied writes of one number.
    public struct WriteCounts: Sendable, Codable, Equatable {
        public var create = 0
        public var update = 0
        public var delete = 0

        public init(create: Int = 0, update: Int = 0, delete: Int = 0) {
            self.create = create; self.update = update; self.delete = delete
        }

        /// All writes.
        public var total: Int { create + update + delete }
    }

    /// The points budget.
    public struct Points: Sendable, Codable, Equatable {
        public var used = 0
        public var budget = 0
        public init(used: Int = 0, budget: Int = 0) { self.used = used; self.budget = budget }
    }

    /// Injected faults by kind.
    public struct Faults: Sendable, Codable, Equatable {
        public var serverError = 0
        public var hang = 0
        public var drop = 0
        public var malformed = 0

        public init() {}

        /// The count of one kind.
        public subscript(kind: FaultKind) -> Int {
            get {
                switch kind {
                case .serverError: return serverError
                case .hang: return hang
                case .drop: return drop
                case .malformed: return malformed
                }
            }
            set {
                switch kind {
                case .serverError: serverError = newValue
                case .hang: hang = newValue
                case .drop: drop = newValue
                case .malformed: malformed = newValue
                }
            }
        }

        private enum CodingKeys: String, CodingKey {
            case serverError = "5xx"
            case hang, drop, malformed
        }
    }

    /// One injected fault.
    public struct FaultEvent: Sendable, Codable, Equatable {
        /// The ordinal of the request among those that reached fault injection (1-based): the draw it came from.
        public var sequence: Int
        public var kind: FaultKind
        /// The ``SandboxEndpoint`` raw value.
        public var endpoint: String
        /// The number a write was about, when its body named a valid one.
        public var phoneNumber: String?
        /// For a hang or drop of a write: whether the write was applied before the connection was lost. Nil for
        /// reads, 5xx and malformed answers.
        public var applied: Bool?

        public init(sequence: Int, kind: FaultKind, endpoint: String, phoneNumber: String?, applied: Bool?) {
            self.sequence = sequence; self.kind = kind; self.endpoint = endpoint
            self.phoneNumber = phoneNumber; self.applied = applied
        }
    }

    /// Empty counters with the given budget.
    public init(budget: Int) {
        requests = Dictionary(uniqueKeysWithValues: SandboxEndpoint.allCases.map { ($0.rawValue, 0) } + [("uis", 0)])
        rejected = Rejected()
        writes = [:]
        points = Points(used: 0, budget: budget)
        faults = Faults()
        faultEvents = []
    }
}
