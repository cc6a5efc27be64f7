import JSONCore
import LambdaRuntime

/// Why an event cannot be routed: not JSON, too big or deep, or a shape nobody handles.
public struct EventRejection: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    case notJSON = "InvalidEvent.NotJSON"
    case tooLarge = "InvalidEvent.TooLarge"
    case unknownShape = "InvalidEvent.UnknownShape"
  }
  public let kind: Kind
  public let message: String

  public var description: String { message }
  public var functionError: FunctionError { FunctionError(type: kind.rawValue, message: message) }
}

/// Parses an event once and decides its `Route` from the few fields that identify it.
public struct EventClassifier: Sendable {
  public var maximumBytes: Int
  public var maximumDepth: Int

  public init(maximumBytes: Int = 6 * 1024 * 1024, maximumDepth: Int = 64) {
    self.maximumBytes = maximumBytes
    self.maximumDepth = maximumDepth
  }

  public func classify(_ body: [UInt8]) throws(EventRejection) -> (Route, JSON) {
    guard body.count <= maximumBytes else {
      throw EventRejection(
        kind: .tooLarge, message: "event of \(body.count) bytes exceeds \(maximumBytes)")
    }
    let event: JSON
    do {
      event = try JSONParser.parse(body, maximumDepth: maximumDepth)
    } catch {
      throw EventRejection(kind: .notJSON, message: "event is not valid JSON: \(error)")
    }
    guard let route = Self.route(of: event) else {
      throw EventRejection(
        kind: .unknownShape,
        message: "unrecognised event: expected a directive, a skill request, "
          + "{\"action\": \"ping|health|diagnostics\"}, a scheduled event or a Function URL request"
      )
    }
    return (route, event)
  }

  public static func route(of event: JSON) -> Route? {
    if let header = event["directive"]?["header"],
      let namespace = header["namespace"]?.string, let name = header["name"]?.string
    {
      return .smartHome(namespace: namespace, name: name)
    }
    if event["version"] == "2.0", let http = event["requestContext"]?["http"],
      let method = http["method"]?.string
    {
      return .httpRequest(method: method, path: event["rawPath"]?.string ?? "/")
    }
    if event["version"] != nil, let requestType = event["request"]?["type"]?.string {
      return .customSkill(requestType: requestType)
    }
    if let action = event["action"]?.string { return .operatorAction(action) }
    if event["source"]?.string == "aws.events", event["detail-type"]?.string == "Scheduled Event" {
      return .schedule
    }
    return nil
  }
}
