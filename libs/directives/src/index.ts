export * from './directives.constants';
export * from './directives.entities';
export * from './directives.module';
export * from './directive-scope.util';
export * from './entities';
export * from './dto/directive.dto';
export { DirectiveService, DirectivePayload, DirectiveAckPayload } from './directive.service';
