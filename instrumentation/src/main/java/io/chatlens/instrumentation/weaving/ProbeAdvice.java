package io.chatlens.instrumentation.weaving;

import io.chatlens.bootstrap.ChatLensBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice inlined into every woven method. It only calls the bootstrap bridge, which every class
 * loader can see; it swallows its own throwables, and the method's own exception propagates unchanged
 * (same instance, same stack trace, same suppressed exceptions).
 */
public final class ProbeAdvice {

  private ProbeAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@ProbeId int probeId, @Advice.This(optional = true) Object self,
      @Advice.AllArguments Object[] arguments) {
    return ChatLensBridge.enter(probeId, self, arguments);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter Object token,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    ChatLensBridge.exit(token, returned, thrown);
  }
}
