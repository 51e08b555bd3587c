// tsc does not keep the executable bit, and npm links the bin only when the file exists.
import { chmodSync } from "node:fs";

chmodSync(new URL("../dist/cli/main.js", import.meta.url), 0o755);
