import { compileFnmatch, hasWildcard } from './fnmatch.js';

/**
 * Port of dbt's `is_selected_node` plus QualifiedNameSelectorMethod.node_is_match:
 * a selector matches when it equals the node's name (fqn leaf), or is a dot-separated
 * prefix of the fqn with or without the leading package name; from the first segment
 * containing a wildcard on, the rest is fnmatched against the rest of the fqn.
 *   `user_features`, `silver`, `silver.user_features`, `my_project.silver.*`, `*` all work.
 */
export function compileFqnMatcher(selector: string): (fqn: readonly string[], versioned: boolean) => boolean {
  const parts = selector.split('.');
  const wildcardAt = parts.findIndex(hasWildcard);
  const tail = wildcardAt === -1 ? undefined : compileFnmatch(parts.slice(wildcardAt).join('.'));

  const isSelected = (fqn: readonly string[], versioned: boolean): boolean => {
    if (versioned) {
      // Versioned models end in [..., name, 'v2']: `name` selects every version, and
      // `name.v2` / `name_v2` one of them.
      if (fqn.length >= 2 && fqn[fqn.length - 2] === selector) return true;
      if (fqn.length >= 2 && fqn.slice(-2).join('_') === parts.slice(-2).join('_')) return true;
    } else if (fqn[fqn.length - 1] === selector) {
      return true;
    }
    // Dots inside fqn segments (versioned names) act as separators too.
    const flat = fqn.flatMap((seg) => seg.split('.'));
    if (flat.length < parts.length) return false;
    const stop = wildcardAt === -1 ? parts.length : wildcardAt;
    for (let i = 0; i < stop; i++) if (flat[i] !== parts[i]) return false;
    return tail === undefined ? true : tail(flat.slice(wildcardAt).join('.'));
  };

  // Match within the node's own package, or across packages (fqn without the package name).
  return (fqn, versioned) => isSelected(fqn, versioned) || isSelected(fqn.slice(1), versioned);
}
