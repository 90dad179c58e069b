import { OBJECTS, STATE_TYPES, type QueryLanguage, type StateType } from './asl-fields.js';

/**
 * The fields the spec allows in a state of a type, in the query language the state uses,
 * with whether each is required: what an editor offers to complete.
 */
export function stateFields(type: string, language: QueryLanguage): { readonly name: string; readonly required: boolean }[] {
  if (!(STATE_TYPES as readonly string[]).includes(type)) return [];
  const letter = language === 'JSONata' ? 'J' : 'P';
  return Object.entries(OBJECTS[type as StateType].fields)
    .filter(([, spec]) => spec.lang === 'B' || spec.lang === letter)
    .map(([name, spec]) => ({ name, required: spec.required === true }));
}
