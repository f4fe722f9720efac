package dev.kup.schemas;

/** A JSON record value that breaks one rule of the contract; carries no stack trace. */
final class ContractViolation extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ContractViolation(String message) {
    super(message, null, false, false);
  }
}
