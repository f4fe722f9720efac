package dev.kup.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How the contract reads a JSON value, for every reader of records (the parser, the router): the
 * Java value of a scalar, and the integer a number denotes. Stateless.
 */
public final class JsonValues {
  private JsonValues() {}

  /** String, Boolean, Long, BigInteger or BigDecimal; floats were read as BigDecimal. */
  public static Object scalar(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      BigInteger big = value.bigIntegerValue();
      return WireValues.fitsLong(big) ? (Object) big.longValue() : big;
    }
    return value.decimalValue();
  }

  /** The integer a JSON number denotes (as JSON Schema's "integer": 7 and 7.0 alike), or null. */
  public static BigInteger integral(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue();
    }
    if (!value.isNumber()) {
      return null;
    }
    BigDecimal decimal = value.decimalValue();
    if (decimal.signum() == 0) {
      return BigInteger.ZERO;
    }
    BigDecimal stripped = decimal.stripTrailingZeros();
    // an exponent this large is no version (and toBigInteger would take forever)
    if (stripped.scale() > 0 || stripped.precision() - stripped.scale() > 20) {
      return null;
    }
    return stripped.toBigIntegerExact();
  }
}
