package io.chatlens.instrumentation.weaving;

import io.chatlens.bootstrap.ChatLensBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice for the MDC getter of an application log event: the returned map gains {@code trace_id} and
 * {@code span_id} while a span is active, as the OpenTelemetry Java agent does. Swallows its own faults.
 */
public final class MdcAdvice {

  private MdcAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object mdc) {
    mdc = ChatLensBridge.mdc(mdc);
  }
}
