import type { Command } from "commander";

// TODO: placeholder while the command is being written; replaced before the first commit.
export function registerCallCommand(_program: Command): void {}
