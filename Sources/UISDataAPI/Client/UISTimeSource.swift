/// The client's view of time: elapsed time since it was made, and sleeping. Built from any `Clock`, so tests can
/// drive time.
struct UISTimeSource: Sendable {
    let now: @Sendable () -> Duration
    let sleep: @Sendable (Duration) async throws -> Void

    init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        now = { origin.duration(to: clock.now) }
        sleep = { duration in
            if duration > .zero { try await clock.sleep(for: duration) }
        }
    }
}
