import LinuxSys
import MemSense

/// Why a recording could not go on: the trace file could not be written, or the wait between
/// ticks failed.
enum RecordError: Error, CustomStringConvertible {
    case write(FileWriteError)
    case system(LinuxSysError)

    var description: String {
        switch self {
        case .write(let error): error.description
        case .system(let error): error.description
        }
    }
}
