import JSONCore

/// `Alexa`: the interface every endpoint declares (ReportState is answered for all).
struct AlexaBase: AlexaInterface {
  let namespace = "Alexa"
  var isPushed: Bool { false }
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = AlexaBase().constantEntry()
}

extension Capability {
  static let alexa = Capability(AlexaBase())
}
