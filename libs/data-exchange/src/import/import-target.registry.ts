import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { IMPORT_TARGET, ImportKind, ImportTarget } from './import-target';

/**
 * The import targets of this process, found among all providers marked with
 * `@ProvidesImportTarget()` (as fact producers are found by the publication service).
 */
@Injectable()
export class ImportTargetRegistry implements OnModuleInit {
  private readonly targets = new Map<ImportKind, ImportTarget>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const found = this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && Reflect.getMetadata(IMPORT_TARGET, w.metatype))
      .map((w) => w.instance as ImportTarget);
    for (const target of new Set(found)) {
      if (this.targets.has(target.kind) && this.targets.get(target.kind) !== target) throw new Error(`Import kind ${target.kind} has more than one target`);
      this.targets.set(target.kind, target);
    }
  }

  get(kind: ImportKind): ImportTarget | undefined {
    return this.targets.get(kind);
  }

  kinds(): ImportKind[] {
    return [...this.targets.keys()].sort();
  }
}
