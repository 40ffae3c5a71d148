// `@allArguments` on a field of an operation in schema/operations/ stands for passing every argument
// of that field through as a variable of the same name: GraphQL cannot share variable definitions
// between operations, and the argument names and types are the public API's, so written out they
// were the same lines again in every operation. The SDK's codegen (sdk/codegen.ts) expands the
// marker before graphql-codegen reads the documents:
//
//   query ReflectorHeights { reflectorHeights @allArguments { time } }
//   → query ReflectorHeights($azimuths: [[Float!]!], …, $to: DateTimeISO!) {
//       reflectorHeights(azimuths: $azimuths, …, to: $to) { time } }
//
// Variables come in the schema's argument order (alphabetical: schema.graphql is emitted sorted),
// after any the operation declares itself, typed as the argument is, except that a non-null
// argument with a default takes a nullable variable without one: leaving the variable out leaves
// the argument out, so the server's default applies (as it does for a nullable argument), and the
// SDK's variable stays optional.
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLArgument,
  type GraphQLSchema,
  isNonNullType,
  Kind,
  type NameNode,
  type OperationDefinitionNode,
  parseType,
  TypeInfo,
  type VariableDefinitionNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';

const ALL_ARGUMENTS_DIRECTIVE = 'allArguments';

const name = (value: string): NameNode => ({ kind: Kind.NAME, value });

const isMarker = (field: FieldNode) => field.directives?.some((d) => d.name.value === ALL_ARGUMENTS_DIRECTIVE) ?? false;

/** The variable an argument is passed through as (see the top of this file for the default rule). */
function variableFor(argument: GraphQLArgument): VariableDefinitionNode {
  const type = argument.defaultValue !== undefined && isNonNullType(argument.type) ? argument.type.ofType : argument.type;
  return { kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: name(argument.name) }, type: parseType(String(type)) };
}

/**
 * `document` (read from `file`, which error messages name) with each `@allArguments` field of its
 * operations given one `arg: $arg` per argument and the variables declared. Throws on a field the
 * schema does not have, one that has no arguments or already passes some, a variable name that is
 * taken, and the marker in a fragment (a fragment has no variables of its own to declare).
 */
export function expandAllArguments(schema: GraphQLSchema, document: DocumentNode, file: string): DocumentNode {
  let changed = false;
  const definitions = document.definitions.map((definition) => {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      const expanded = expandOperation(schema, definition, file);
      changed ||= expanded !== definition;
      return expanded;
    }
    if (definition.kind !== Kind.FRAGMENT_DEFINITION) return definition;
    visit(definition, {
      Field(field) {
        if (isMarker(field)) {
          throw new Error(`${file}: fragment ${definition.name.value}: @${ALL_ARGUMENTS_DIRECTIVE} on ${field.name.value} belongs in an operation, which declares the variables`);
        }
      },
    });
    return definition;
  });
  // The same object where there was nothing to expand: codegen keeps that file's text as written.
  return changed ? { ...document, definitions } : document;
}

function expandOperation(schema: GraphQLSchema, operation: OperationDefinitionNode, file: string): OperationDefinitionNode {
  const where = `${file}: ${operation.operation} ${operation.name?.value ?? '(anonymous)'}`;
  const declared = new Set(operation.variableDefinitions?.map((v) => v.variable.name.value));
  const added: VariableDefinitionNode[] = [];
  const typeInfo = new TypeInfo(schema);
  const expanded: OperationDefinitionNode = visit(
    operation,
    visitWithTypeInfo(typeInfo, {
      Field(field) {
        if (!isMarker(field)) return undefined;
        const marker = `@${ALL_ARGUMENTS_DIRECTIVE} on ${field.name.value}`;
        const definition = typeInfo.getFieldDef();
        if (!definition) throw new Error(`${where}: ${marker}: ${typeInfo.getParentType() ?? 'the parent type'} has no field ${field.name.value}`);
        if (field.arguments?.length) throw new Error(`${where}: ${marker}: the field passes arguments already; write all of them or none`);
        if (definition.args.length === 0) throw new Error(`${where}: ${marker}: the field takes no arguments`);
        for (const argument of definition.args) {
          if (declared.has(argument.name)) throw new Error(`${where}: ${marker}: variable $${argument.name} is declared already`);
          declared.add(argument.name);
          added.push(variableFor(argument));
        }
        return {
          ...field,
          arguments: definition.args.map((a) => ({ kind: Kind.ARGUMENT, name: name(a.name), value: { kind: Kind.VARIABLE, name: name(a.name) } })),
          directives: field.directives?.filter((d) => d.name.value !== ALL_ARGUMENTS_DIRECTIVE),
        };
      },
    }),
  );
  return added.length ? { ...expanded, variableDefinitions: [...(operation.variableDefinitions ?? []), ...added] } : expanded;
}
