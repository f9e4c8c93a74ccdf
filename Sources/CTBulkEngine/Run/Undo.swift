import CTBulkCore

/// The before-image of an apply run as a job that restores it (`export --undo-for RUN`).
public struct UndoJob: Sendable {
    public var run: RunRecord
    /// Rows that put each written number back as it was (fields the run set that were empty before are cleared with
    /// `[]`).
    public var rows: [JobRow]
    /// Numbers that were free before the run: a job cannot free them.
    public var wereFree: [PhoneNumber]
    /// Numbers to which the run added a reserve redirect: a job cannot remove it.
    public var addedReserves: [PhoneNumber]

    /// Why an undo cannot be built.
    public enum Failure: Error, Sendable {
        case noSuchRun(Int64)
        case journal(JournalError)
    }

    /// Builds the undo job of run `runID` from the journal's before-images.
    public static func build(runID: Int64, journal: Journal) throws(Failure) -> UndoJob {
        let run: RunRecord
        let records: [RowRecord]
        do {
            guard let found = try journal.run(runID) else { throw Failure.noSuchRun(runID) }
            run = found
            records = try journal.rows(of: runID)
        } catch let error as Failure {
            throw error
        } catch let error as JournalError {
            throw .journal(error)
        } catch {
            throw .noSuchRun(runID)
        }
        var undo = UndoJob(run: run, rows: [], wereFree: [], addedReserves: [])
        for record in records where record.sentAction != nil {
            guard let number = record.phoneNumber, let before = record.before else { continue }
            switch before {
            case .used(let settings):
                var restore = settings
                let after = settings.merging(record.desired)
                var display = restore.displayOptions ?? DisplayOptions()
                for field in NumberSettings.clearableFields where settings[field] == nil && after[field] != nil {
                    display.markCleared(field)
                }
                restore.displayOptions = display.isEmpty ? nil : display
                if settings.redirectOptions?.reserve == nil && after.redirectOptions?.reserve != nil { undo.addedReserves.append(number) }
                undo.rows.append(JobRow(row: record.row, phoneNumber: number, settings: restore))
            case .free: undo.wereFree.append(number)
            case .unknown: continue
            }
        }
        return undo
    }
}
