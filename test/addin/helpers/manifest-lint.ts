/**
 * An offline lint of an Office add-in XML manifest, for what the validation service would reject or Office would
 * silently ignore: schema element order, unique ids and resolvable resids, HTTPS everywhere, icon sizes, and a ribbon
 * button that opens the task pane. Returns the problems found, one sentence each; [] means clean.
 */
import { descendants, parseXml, type XmlElement } from './xml';

/** Children of `<OfficeApp xsi:type="TaskPaneApp">` in the order the schema's sequence fixes. */
export const OFFICE_APP_ORDER = [
  'Id',
  'AlternateId',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'AppDomains',
  'Hosts',
  'Requirements',
  'DefaultSettings',
  'Permissions',
  'Dictionary',
  'VersionOverrides',
  'ExtendedOverrides',
];
const REQUIRED = [
  'Id',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'DefaultSettings',
  'Permissions',
];
/** Children of `<DesktopFormFactor>` in schema order. */
const DESKTOP_FORM_FACTOR_ORDER = ['GetStarted', 'FunctionFile', 'ExtensionPoint'];
const RIBBON_ICON_SIZES = [16, 32, 80];
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

export interface LintOptions {
  /** Pixel size of the square icon a URL points at; null when there is no file or it is not square. */
  iconSize(url: string): number | null;
  /** Label the ribbon button must carry. */
  buttonLabel: string;
}

function checkOrder(parent: XmlElement, order: string[], problems: string[]): void {
  let last = -1;
  for (const child of parent.children) {
    const at = order.indexOf(child.name);
    if (at < 0) problems.push(`<${child.name}> is not allowed in <${parent.name}>`);
    else if (at < last || (at === last && child.name !== 'ExtensionPoint')) {
      problems.push(`<${child.name}> is out of schema order in <${parent.name}>`);
    } else last = at;
  }
}

export function lintManifest(xml: string, options: LintOptions): string[] {
  const problems: string[] = [];
  const root = parseXml(xml);
  if (root.name !== 'OfficeApp' || root.attributes['xsi:type'] !== 'TaskPaneApp') {
    problems.push('the root element is not <OfficeApp xsi:type="TaskPaneApp">');
  }
  checkOrder(root, OFFICE_APP_ORDER, problems);
  for (const name of REQUIRED) {
    if (!root.children.some((c) => c.name === name)) problems.push(`<${name}> is missing`);
  }
  const all = descendants(root);

  const ids = new Set<string>();
  for (const e of all) {
    const id = e.attributes.id;
    if (id === undefined) continue;
    if (ids.has(id)) problems.push(`id "${id}" is used twice`);
    if (id.length > 32) problems.push(`id "${id}" is longer than 32 characters`);
    ids.add(id);
  }
  const resources = new Map<string, XmlElement>();
  for (const e of all.filter((e) => e.name === 'Resources').flatMap(descendants)) {
    if (e.attributes.id !== undefined) resources.set(e.attributes.id, e);
  }
  for (const e of all) {
    const resid = e.attributes.resid;
    if (resid !== undefined && !resources.has(resid)) problems.push(`resid "${resid}" names no resource`);
  }

  for (const e of all) {
    const values = [
      e.text,
      ...Object.entries(e.attributes)
        .filter(([k]) => !k.startsWith('xmlns'))
        .map(([, v]) => v),
    ];
    for (const v of values) {
      if (URL_LIKE.test(v) && !v.startsWith('https://')) problems.push(`<${e.name}> has a URL that is not https: ${v}`);
    }
  }

  for (const e of all.filter((e) => e.name === 'DesktopFormFactor')) {
    checkOrder(e, DESKTOP_FORM_FACTOR_ORDER, problems);
    if (!e.children.some((c) => c.name === 'FunctionFile')) problems.push('<DesktopFormFactor> has no <FunctionFile>');
  }
  for (const action of all.filter((e) => e.name === 'Action')) {
    if (action.attributes['xsi:type'] !== 'ShowTaskpane') {
      problems.push(`an <Action> is ${action.attributes['xsi:type']}, not ShowTaskpane`);
    }
  }
  const buttons = all.filter((e) => e.name === 'Control' && e.attributes['xsi:type'] === 'Button');
  const labelled = buttons.some((button) => {
    const label = button.children.find((c) => c.name === 'Label');
    return resources.get(label?.attributes.resid ?? '')?.attributes.DefaultValue === options.buttonLabel;
  });
  if (!labelled) problems.push(`no ribbon button is labelled "${options.buttonLabel}"`);

  const expectIcon = (where: string, url: string | undefined, size: number) => {
    if (url === undefined) problems.push(`${where} has no URL`);
    else if (options.iconSize(url) !== size) problems.push(`${where} is not a ${size} px icon: ${url}`);
  };
  const topLevel = (name: string) => root.children.find((c) => c.name === name)?.attributes.DefaultValue;
  expectIcon('<IconUrl>', topLevel('IconUrl'), 32);
  expectIcon('<HighResolutionIconUrl>', topLevel('HighResolutionIconUrl'), 64);
  for (const icon of all.filter((e) => e.name === 'Icon')) {
    const sizes = icon.children.map((image) => +image.attributes.size);
    if (sizes.join() !== RIBBON_ICON_SIZES.join())
      problems.push(`a ribbon <Icon> has sizes ${sizes}, not ${RIBBON_ICON_SIZES}`);
    for (const image of icon.children) {
      const resid = image.attributes.resid;
      expectIcon(`image "${resid}"`, resources.get(resid)?.attributes.DefaultValue, +image.attributes.size);
    }
  }
  return problems;
}
