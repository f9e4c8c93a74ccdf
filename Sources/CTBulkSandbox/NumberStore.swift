import CTBulkCore

/// The numbers of the account and what the API methods do to them. Pure value logic, no HTTP, no locking.
struct NumberStore: Sendable {
    /// Every number of the account: settings for a used number, nil for a free one.
    private(set) var numbers: [PhoneNumber: NumberSettings?]
    private(set) var scenarios = RedirectScenarios()

    /// The account as configured (settings normalised as the API stores them; scenarios numbered in number order).
    init(initial: [PhoneNumber: NumberSettings?]) {
        numbers = initial.mapValues { WireSettings.stored($0) }
        for phone in numbers.keys.sorted() {
            if let settings = numbers[phone] ?? nil, let redirect = settings.redirectOptions {
                _ = scenarios.scenario(for: redirect)
            }
        }
    }

    /// Whether the number is in the account (free or used).
    func contains(_ phone: PhoneNumber) -> Bool { numbers[phone] != nil }

    /// The settings of a number: `.some(nil)` when free, nil when not in the account.
    func settings(of phone: PhoneNumber) -> NumberSettings?? { numbers[phone] }

    private func notFound(_ phone: PhoneNumber) -> WireError {
        WireError(status: 404, code: "number_not_found", message: "number \(phone) is not in the account")
    }

    private mutating func store(_ phone: PhoneNumber, _ settings: NumberSettings?) {
        let stored = WireSettings.stored(settings)
        numbers[phone] = .some(stored)
        if let redirect = stored?.redirectOptions { _ = scenarios.scenario(for: redirect) }
    }

    /// `update`: the number must be used; each object the body carries replaces the stored one.
    mutating func update(_ phone: PhoneNumber, _ objects: WireSettings.Objects) throws(WireError) {
        guard let entry = numbers[phone] else { throw notFound(phone) }
        guard let current = entry else {
            throw WireError(status: 400, code: "number_is_free",
                            message: "number \(phone) is free: use the method for a free number (create)")
        }
        store(phone, objects.applied(to: current))
    }

    /// `create`: the number must be free; the body must carry displayOptions (a used number always has them).
    mutating func create(_ phone: PhoneNumber, _ objects: WireSettings.Objects) throws(WireError) {
        guard let entry = numbers[phone] else { throw notFound(phone) }
        guard entry == nil else {
            throw WireError(status: 400, code: "number_in_use",
                            message: "number \(phone) is already used in a pool: use the update method")
        }
        guard objects.displayOptions != nil else {
            throw .invalid("displayOptions is required to add settings to a free number", field: "displayOptions")
        }
        store(phone, objects.settings)
    }

    /// `delete`: the number must be used; it becomes free.
    mutating func delete(_ phone: PhoneNumber) throws(WireError) {
        guard let entry = numbers[phone] else { throw notFound(phone) }
        guard entry != nil else {
            throw WireError(status: 400, code: "number_is_free", message: "number \(phone) is already free")
        }
        numbers[phone] = .some(nil)
    }

    /// `list`: the asked numbers that are in the account, in request order.
    func list(_ request: ListRequest) -> [WireNumberRecord] {
        request.phoneNumbers.compactMap { phone in
            guard let entry = numbers[phone] else { return nil }
            return WireNumberRecord(phoneNumber: phone, settings: entry)
        }
    }

    /// `call-redirect/list`: one record per used number with a redirect that passes the filters, by number.
    func redirects(_ request: RedirectListRequest) -> [WireRedirectRecord] {
        numbers.keys.sorted().compactMap { phone in
            guard let settings = numbers[phone] ?? nil, let redirect = settings.redirectOptions,
                  let scenario = scenarios.existing(for: redirect),
                  request.matches(phone: phone, poolName: settings.poolName, scenario: scenario) else { return nil }
            return WireRedirectRecord(redirectId: scenario.id, redirectName: scenario.name, redirectStatus: "active",
                                  phoneNumber: phone.digits, poolName: settings.poolName)
        }
    }

    /// Every number, by number, in the list answer's shape.
    var records: [WireNumberRecord] {
        numbers.keys.sorted().map { WireNumberRecord(phoneNumber: $0, settings: numbers[$0] ?? nil) }
    }

    /// An edit by hand: sets the number (adding it when absent); nil or empty settings make it free.
    mutating func set(_ phone: PhoneNumber, _ settings: NumberSettings?) { store(phone, settings) }

    /// Removes the number from the account; false when it was not there.
    mutating func remove(_ phone: PhoneNumber) -> Bool { numbers.removeValue(forKey: phone) != nil }
}
