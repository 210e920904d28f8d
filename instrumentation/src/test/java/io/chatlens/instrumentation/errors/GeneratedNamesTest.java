package io.chatlens.instrumentation.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeneratedNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      com.acme.Bot                                              | com.acme.Bot
      com.acme.Bot$Inner                                        | com.acme.Bot$Inner
      com.acme.Bot$$Lambda$123/0x0000000800c0b8c8               | com.acme.Bot$$Lambda
      com.acme.Bot$$Lambda/0x000001f0a1b2c3d4                   | com.acme.Bot$$Lambda
      com.acme.Bot$$Lambda$7                                    | com.acme.Bot$$Lambda
      com.acme.Bot$2$$Lambda$7/0x0000000800c0b8c8               | com.acme.Bot$<anon>$$Lambda
      $Proxy42                                                  | $Proxy
      jdk.proxy2.$Proxy42                                       | $Proxy
      com.sun.proxy.$Proxy7                                     | $Proxy
      com.acme.$Proxy12                                         | $Proxy
      com.acme.Bot$$EnhancerBySpringCGLIB$$1a2b3c               | com.acme.Bot
      com.acme.Bot$$SpringCGLIB$$0                              | com.acme.Bot
      com.acme.Bot$$FastClassBySpringCGLIB$$9f8e                | com.acme.Bot
      com.acme.Bot$ByteBuddy$abc                                | com.acme.Bot
      com.acme.Bot$MockitoMock$1234                             | com.acme.Bot
      com.acme.Bot$HibernateProxy$xyz                           | com.acme.Bot
      com.acme.Bot_$$_jvst12a_3                                 | com.acme.Bot
      jdk.internal.reflect.GeneratedMethodAccessor17            | jdk.internal.reflect.GeneratedMethodAccessor
      jdk.internal.reflect.GeneratedConstructorAccessor3        | jdk.internal.reflect.GeneratedConstructorAccessor
      sun.reflect.GeneratedSerializationConstructorAccessor12   | sun.reflect.GeneratedSerializationConstructorAccessor
      com.acme.MyGeneratedFooAccessor2                          | com.acme.MyGeneratedFooAccessor2
      com.acme.Bot$3                                            | com.acme.Bot$<anon>
      com.acme.Bot$3$1                                          | com.acme.Bot$<anon>$<anon>
      com.acme.Bot$1Local                                       | com.acme.Bot$<anon>Local
      com.acme.Bot2                                             | com.acme.Bot2
      """)
  void classNamesLoseGeneratedParts(String name, String stable) {
    assertThat(GeneratedNames.className(name)).isEqualTo(stable);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      handle              | handle
      lambda$handle$12    | lambda$handle
      lambda$handle$0     | lambda$handle
      lambda$static$3     | lambda$static
      lambda$new$1        | lambda$new
      access$000          | access
      $anonfun$apply$1    | $anonfun$apply
      handle2             | handle2
      <init>              | <init>
      """)
  void methodNamesLoseTrailingNumbers(String name, String stable) {
    assertThat(GeneratedNames.methodName(name)).isEqualTo(stable);
  }

  @ParameterizedTest(name = "{0} is generated")
  @CsvSource(textBlock = """
      com.acme.Bot$$Lambda$123/0x0000000800c0b8c8
      com.acme.Bot$$Lambda/0x000001f0a1b2c3d4
      com.acme.$Proxy12
      jdk.proxy2.$Proxy42
      com.acme.Bot$$EnhancerBySpringCGLIB$$1a2b3c
      com.acme.Bot$$SpringCGLIB$$0
      com.acme.Bot$ByteBuddy$abc
      com.acme.Bot$HibernateProxy$xyz
      jdk.internal.reflect.GeneratedMethodAccessor17
      """)
  void recognisesGeneratedClasses(String name) {
    assertThat(GeneratedNames.isGenerated(name)).isTrue();
  }

  @ParameterizedTest(name = "{0} is written code")
  @CsvSource(textBlock = """
      com.acme.Bot
      com.acme.Bot$3
      com.acme.Bot$Inner
      com.acme.ProxyFactory
      com.acme.MyGeneratedFooAccessor2
      """)
  void recognisesWrittenClasses(String name) {
    assertThat(GeneratedNames.isGenerated(name)).isFalse();
  }
}
