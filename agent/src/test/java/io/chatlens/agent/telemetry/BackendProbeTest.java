package io.chatlens.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendProbeTest {

  @Test
  void aListeningBackendIsReachable() throws Exception {
    try (ServerSocket backend = new ServerSocket(0)) {
      assertThat(BackendProbe.anyReachable(List.of("http://127.0.0.1:" + backend.getLocalPort() + "/v1/traces"), 200))
          .isTrue();
    }
  }

  @Test
  void aClosedPortIsNot() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    assertThat(BackendProbe.anyReachable(List.of("http://127.0.0.1:" + port + "/v1/traces"), 200)).isFalse();
  }

  @Test
  void oneReachableEndpointIsEnough() throws Exception {
    try (ServerSocket backend = new ServerSocket(0)) {
      assertThat(BackendProbe.anyReachable(List.of("not a url", "http://127.0.0.1:9/v1/logs",
          "http://127.0.0.1:" + backend.getLocalPort()), 200)).isTrue();
    }
  }

  @Test
  void malformedOrEmptyEndpointsAreUnreachable() {
    assertThat(BackendProbe.anyReachable(List.of("::::", "/v1/traces"), 200)).isFalse();
    assertThat(BackendProbe.anyReachable(List.of(), 200)).isFalse();
  }

  @Test
  void portsDefaultByScheme() {
    assertThat(BackendProbe.addressOf("https://127.0.0.1").getPort()).isEqualTo(443);
    assertThat(BackendProbe.addressOf("http://localhost/v1/traces").getPort()).isEqualTo(80);
    assertThat(BackendProbe.addressOf("http://localhost:4318").getPort()).isEqualTo(4318);
  }
}
