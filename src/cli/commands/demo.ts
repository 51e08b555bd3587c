import type { Command } from "commander";

// TODO: placeholder while the command is being written; replaced before the first commit.
export function registerDemoCommand(_program: Command): void {}
