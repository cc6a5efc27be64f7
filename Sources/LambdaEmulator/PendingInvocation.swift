import Foundation

/// The one invocation in flight.
struct PendingInvocation {
  let requestId: String
  let event: [UInt8]
  var dispatchedAtDate: Date?
  var dispatchedAtNanoseconds: UInt64?
  var replyBody: [UInt8]?
  var isError = false
}
