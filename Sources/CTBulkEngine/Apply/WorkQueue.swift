/// A bounded first-in first-out queue between the live-state reader and the workers: the reader waits when the
/// queue is full, workers wait when it is empty, `nil` once it is finished and drained.
actor WorkQueue<Element: Sendable> {
    private var items: [Element] = []
    private var head = 0
    private let capacity: Int
    private var finished = false
    private var waitingConsumers: [CheckedContinuation<Element?, Never>] = []
    private var waitingProducers: [CheckedContinuation<Void, Never>] = []

    init(capacity: Int) { self.capacity = max(capacity, 1) }

    func push(_ element: Element) async {
        while items.count - head >= capacity && !finished {
            await withCheckedContinuation { waitingProducers.append($0) }
        }
        if finished { return }
        if !waitingConsumers.isEmpty {
            waitingConsumers.removeFirst().resume(returning: element)
            return
        }
        items.append(element)
    }

    func pop() async -> Element? {
        if head < items.count {
            let element = items[head]
            head += 1
            if head > 1024 && head * 2 > items.count { items.removeFirst(head); head = 0 }
            if !waitingProducers.isEmpty { waitingProducers.removeFirst().resume() }
            return element
        }
        if finished { return nil }
        return await withCheckedContinuation { waitingConsumers.append($0) }
    }

    /// No more elements: waiting consumers get nil once the queue is drained; waiting producers return.
    func finish() {
        finished = true
        for consumer in waitingConsumers { consumer.resume(returning: nil) }
        waitingConsumers.removeAll()
        for producer in waitingProducers { producer.resume() }
        waitingProducers.removeAll()
    }

    /// Drops what is queued (a stop): consumers get nil.
    func cancelRemaining() {
        items.removeAll()
        head = 0
        finish()
    }
}
