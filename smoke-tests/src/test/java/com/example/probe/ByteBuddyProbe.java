package com.example.probe;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

/** An application that ships its own (older) Byte Buddy and generates a class with it. */
public final class ByteBuddyProbe {

  private ByteBuddyProbe() {}

  public static void main(String[] args) throws Exception {
    System.out.println("byte buddy from " + Jars.of(ByteBuddy.class));
    System.out.println(new ProbeChatService().handle("s-1", "hello"));
    Object made = new ByteBuddy().subclass(Object.class)
        .method(ElementMatchers.named("toString")).intercept(FixedValue.value("made by the application's Byte Buddy"))
        .make()
        .load(ByteBuddyProbe.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
        .getLoaded().getDeclaredConstructor().newInstance();
    System.out.println(made);
  }
}
