export * from "./address/index.js";
export { GcdialError } from "./errors.js";
export * from "./genesys/index.js";
