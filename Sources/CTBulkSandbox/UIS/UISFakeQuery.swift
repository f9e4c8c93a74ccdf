/// The `filter`, `sort`, `fields`, `limit` and `offset` of one `get.*` call, checked against the method's table.
struct UISFakeQuery {
    static let maximumLimit = 10_000
    static let maximumOffset = 100_000

    var filter: UISFakeFilter?
    var sort: [(field: String, descending: Bool)] = []
    var fields: [String]?
    var limit = 1000
    var offset = 0

    init(params: UISWireValue, table: UISFakeTable) throws {
        if let value = params["limit"], !value.isNull {
            guard case .int(let limit) = value else { throw UISFakeError("data_type_error", field: "limit", value: value) }
            guard (1...Self.maximumLimit).contains(limit) else {
                throw UISFakeError("invalid_parameter_value", field: "limit", value: value)
            }
            self.limit = limit
        }
        if let value = params["offset"], !value.isNull {
            guard case .int(let offset) = value else {
                throw UISFakeError("data_type_error", field: "offset", value: value)
            }
            guard (0...Self.maximumOffset).contains(offset) else {
                throw UISFakeError("invalid_parameter_value", field: "offset", value: value)
            }
            self.offset = offset
        }
        if let value = params["fields"], !value.isNull {
            guard case .array(let items) = value else { throw UISFakeError("data_type_error", field: "fields", value: value) }
            var names: [String] = []
            for item in items {
                guard let name = item.string else { throw UISFakeError("data_type_error", field: "fields", value: item) }
                guard table.kinds[name] != nil else {
                    throw UISFakeError("unexpected_parameters", field: "fields", value: .string(name))
                }
                names.append(name)
            }
            if !names.isEmpty { fields = names }
        }
        if let value = params["sort"], !value.isNull {
            guard case .array(let items) = value else { throw UISFakeError("data_type_error", field: "sort", value: value) }
            for item in items {
                guard case .object(let members) = item else {
                    throw UISFakeError("data_type_error", field: "sort", value: item)
                }
                if let extra = members.map(\.0).first(where: { $0 != "field" && $0 != "order" }) {
                    throw UISFakeError("unexpected_parameters", field: "sort.\(extra)", value: .string(extra))
                }
                guard let field = item["field"]?.string else {
                    throw UISFakeError("required_parameter_missed", field: "sort.field")
                }
                guard table.kinds[field] != nil else {
                    throw UISFakeError("unexpected_parameters", field: "sort.field", value: .string(field))
                }
                guard table.sortable.contains(field) else {
                    // As documented: `field` is the parameter's path, `value` what the user passed.
                    throw UISFakeError("sort_prohibited", field: "sort.field", value: .string(field))
                }
                let order = item["order"] ?? .string("asc")
                guard order == .string("asc") || order == .string("desc") || order.isNull else {
                    throw UISFakeError("invalid_parameter_value", field: "sort.order", value: order)
                }
                sort.append((field, order == .string("desc")))
            }
        }
        if let value = params["filter"], !value.isNull {
            if case .object(let members) = value, members.isEmpty {
                filter = nil
            } else {
                filter = try UISFakeFilter.compile(value, table: table)
            }
        }
    }

    /// The page of rendered records and the number of all matching records.
    func run(on table: UISFakeTable) -> (rows: [UISWireValue], total: Int) {
        var matching = filter.map { filter in table.records.filter { filter.matches($0) } } ?? table.records
        if !sort.isEmpty {
            let keys = sort
            matching = matching.enumerated().sorted { a, b in
                for key in keys {
                    let x = a.element[key.field] ?? .null, y = b.element[key.field] ?? .null
                    // PostgreSQL: NULLS LAST when ascending, NULLS FIRST when descending.
                    switch (x.isNull, y.isNull) {
                    case (true, true): continue
                    case (true, false): return key.descending
                    case (false, true): return !key.descending
                    default: break
                    }
                    let order = UISWireValue.order(x, y) ?? 0
                    if order != 0 { return key.descending ? order > 0 : order < 0 }
                }
                return a.offset < b.offset
            }.map(\.element)
        }
        let total = matching.count
        guard offset < total else { return ([], total) }
        let page = matching[offset..<min(offset + limit, total)]
        return (page.map { table.render($0, fields: fields) }, total)
    }
}
