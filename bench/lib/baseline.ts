import { execFileSync, execSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { ensureDir, RESULTS, ROOT } from "./common.ts";

export interface Baseline {
  /** What was asked for (a commit, tag or branch). */
  rev: string;
  sha: string;
  subject: string;
  /** A runnable copy of the product at that commit (with this checkout's dependencies). */
  dir: string;
}

/**
 * The product as of `rev`, extracted with `git archive` into bench/results/baseline/<sha>
 * (cached) and made runnable: each workspace package gets a copy of this checkout's
 * node_modules links (workspace links are relative, so they point into the baseline tree;
 * third-party ones go through a link to this checkout's node_modules/.pnpm), and
 * bench/server.ts is copied in. The git repository itself is not touched.
 */
export function baselineTree(rev: string): Baseline {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
  const sha = git("rev-parse", "--short", `${rev}^{commit}`);
  const subject = git("log", "-1", "--format=%s", sha);
  const dir = join(ensureDir(join(RESULTS, "baseline")), sha);
  if (!existsSync(join(dir, ".ready"))) {
    const tmp = `${dir}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    execSync(`git archive --format=tar ${sha} | tar -x -C ${JSON.stringify(tmp)}`, { cwd: ROOT });
    symlinkSync(join(ROOT, "node_modules"), join(tmp, "node_modules"));
    for (const group of ["apps", "packages"]) {
      if (!existsSync(join(tmp, group))) continue;
      for (const pkg of readdirSync(join(tmp, group))) copyModules(join(group, pkg), tmp);
    }
    copyModules("bench", tmp);
    mkdirSync(join(tmp, "bench"), { recursive: true });
    copyFileSync(join(ROOT, "bench", "server.ts"), join(tmp, "bench", "server.ts"));
    execSync(`touch ${JSON.stringify(join(tmp, ".ready"))}`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  }
  return { rev, sha, subject, dir };
}

/** Copies a package's node_modules (symlinks as symlinks) from this checkout into the baseline tree. */
function copyModules(pkg: string, tree: string): void {
  const from = join(ROOT, pkg, "node_modules");
  if (!existsSync(from) || !existsSync(join(tree, pkg))) return;
  cpSync(from, join(tree, pkg, "node_modules"), { recursive: true, verbatimSymlinks: true });
}

/** Migration files of a tree, to tell whether two trees can open the same database. */
export const migrationsOf = (tree: string): string[] => {
  const dir = join(tree, "packages", "db", "src", "migrations");
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};
