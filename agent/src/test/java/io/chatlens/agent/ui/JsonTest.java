package io.chatlens.agent.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"plain", "a \"quoted\" \\ back\\slash", "<script>alert(1)</script>", "</script><img src=x>",
      "tab\tnew\nline\rcr\u0000nul\u001f", "line\u2028separator\u2029paragraph", "a & b", "emoji \ud83d\ude00",
      "${jndi:ldap://x}", "'single' `back`"})
  void everyStringSurvivesTheRoundTripAndNoMarkupIsLeft(String value) throws Exception {
    String json = new Json(64).begin().field("v", value).end().toString();
    assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028")
        .doesNotContain("\u2029").doesNotContain("\n").doesNotContain("\u0000");
    assertThat(MAPPER.readTree(json).get("v").asText()).isEqualTo(value);
  }

  @Test
  void numbersThatAreNotFiniteAreNull() throws Exception {
    JsonNode json = MAPPER.readTree(new Json(64).begin().field("nan", Double.NaN)
        .field("inf", Double.POSITIVE_INFINITY).field("whole", 3.0).field("frac", 0.123456789).field("n", 42L)
        .field("s", (String) null).beginArray("a").element(1.5).element(Double.NaN).element("x").endArray()
        .object("o").field("b", true).end().end().toString());
    assertThat(json.get("nan").isNull()).isTrue();
    assertThat(json.get("inf").isNull()).isTrue();
    assertThat(json.get("whole").asText()).isEqualTo("3");
    assertThat(json.get("frac").asDouble()).isEqualTo(0.1235);
    assertThat(json.get("n").asLong()).isEqualTo(42);
    assertThat(json.get("s").isNull()).isTrue();
    assertThat(json.get("a").toString()).isEqualTo("[1.5,null,\"x\"]");
    assertThat(json.get("o").get("b").asBoolean()).isTrue();
  }

  @Test
  void anUnpairedSurrogateIsReplaced() throws Exception {
    String json = new Json(16).begin().field("v", "a\ud800b").end().toString();
    assertThat(MAPPER.readTree(json).get("v").asText()).isEqualTo("a\ufffdb");
  }
}
