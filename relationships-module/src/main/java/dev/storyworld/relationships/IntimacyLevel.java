package dev.storyworld.relationships;

import java.math.BigDecimal;

/** An intimacy level as written in a schema; a null threshold is one the level does not set. */
record IntimacyLevel(String id, BigDecimal minAffinity, BigDecimal minTrust, BigDecimal minChemistry,
                     BigDecimal maxTension) {
}
