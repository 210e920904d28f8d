package io.chatlens.smoke.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP GETs against an agent's endpoint. */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Status and body of a GET. */
  public record Response(int status, String body) {}

  private Http() {}

  public static Response get(String url) {
    try {
      HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (Exception unreachable) {
      return new Response(-1, unreachable.toString());
    }
  }
}
