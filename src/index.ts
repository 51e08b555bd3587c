export { GcdialError } from "./errors.js";
