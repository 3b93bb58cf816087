package dev.ring3.decoder;

/** Condition-code names in encoding order, as objdump spells them in Jcc, SETcc and CMOVcc. */
public final class Conditions {
    public static final String[] NAMES = {
        "o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"
    };

    private Conditions() {}
}
