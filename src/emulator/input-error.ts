/**
 * Raised for invalid emulator input (a setting, a fault, a token request). The message names the
 * value and the expected form, and the control plane responds to it with 400.
 */
export class EmulatorInputError extends Error {
  override name = "EmulatorInputError";
}
