import Engine
import JSONCore
import LambdaRuntime
import Testing

@testable import HomeAssistant

/// What discovery can announce and what the route table serves are the same set: routes
/// are derived from the interfaces, and nothing is registered beside them by hand.
@Suite struct InterfaceRoutingTests {
  static let others: Set<Route> = [
    .smartHome(namespace: "Alexa.Discovery", name: "Discover"),
    .smartHome(namespace: "Alexa", name: "ReportState"),
    .smartHome(namespace: "Alexa.Authorization", name: "AcceptGrant"),
  ]

  private func nativeRoutes() throws -> Set<Route> {
    let gateway = try Gateway(environment: [:], log: RuntimeLog(format: .json, threshold: .fatal))
    try HomeAssistantExtension.install(on: gateway)
    return Set(gateway.routes.filter { $0.family == .smartHome })
  }

  @Test func everyAnnounceableDirectiveIsRoutedAndEveryRouteIsAnnounceable() throws {
    let announced = DiscoveryTable.announceable.flatMap(\.interface.directives)
    let fromInterfaces = Set(
      announced.map { Route.smartHome(namespace: $0.namespace, name: $0.name) })
    #expect(!announced.isEmpty)
    let routed = try nativeRoutes()
    #expect(routed.subtracting(Self.others) == fromInterfaces)
    // Each directive, instance included, is found from its header.
    for directive in announced {
      let found = try ControlDirective.find(
        namespace: directive.namespace, name: directive.name, instance: directive.instance)
      #expect(found.namespace == directive.namespace && found.instance == directive.instance)
    }
  }

  /// The catalogue the routes come from is exactly what the discovery table can announce
  /// (plus Alexa and EndpointHealth, which every endpoint gets).
  @Test func theCatalogueIsWhatDiscoveryCanAnnounce() {
    let catalogue = Set(AlexaInterfaces.all.map(\.key))
    let announceable = Set(DiscoveryTable.announceable.map(\.key)).union([
      Capability.alexa.key, Capability.endpointHealth.key,
    ])
    #expect(catalogue == announceable)
    #expect(AlexaInterfaces.all.count == catalogue.count, "each interface once")
  }

  @Test func anInterfaceAndItsDirectivesLiveTogether() {
    for interface in AlexaInterfaces.all {
      for directive in interface.directives {
        #expect(directive.namespace == interface.namespace, "\(directive.name)")
        #expect(directive.instance == interface.instance)
      }
    }
  }
}
