// The words of the Settings parts in this folder, in both languages. Kept here, not in
// i18n/en.ts and pt-BR.ts, so these parts could be added without editing the shared tables;
// moving them there later changes only `useSettingsText`.
import { useTranslation } from 'react-i18next';

const en = {
  fleetTitle: 'Fleet file',
  fleetHelp:
    'Edit the fleet file the core was started from. It is checked as you type, with the same ' +
    'messages as the control-room command; only a file without problems can be saved.',
  fleetLoading: 'Reading the fleet file…',
  fleetNone: 'No fleet file to edit',
  fleetEditor: 'Fleet file (YAML)',
  fleetChecking: 'Checking…',
  fleetValid: 'No problems found.',
  fleetProblems: (count: number) => (count === 1 ? '1 problem:' : `${count} problems:`),
  fleetSave: 'Save',
  fleetRevert: 'Undo my changes',
  fleetSaved: (file: string, backup: string) => `Saved to ${file}; the previous one is ${backup}.`,
  hostKeysTitle: 'Host keys',
  hostKeysHelp:
    'The app connects over SSH only to a node whose host key is pinned in the fleet file. ' +
    'Compare a new key with the node itself before approving it.',
  hostKeysNoNodes: 'The fleet has no nodes.',
  hostKeyCheck: 'Check host key',
  hostKeyChecking: 'Asking the node…',
  hostKeyStates: {
    unknown: 'Not approved yet',
    approved: 'Approved',
    changed: 'CHANGED: blocked',
    unreachable: 'Could not fetch the key',
  },
  hostKeyPresented: 'Key the node presents',
  hostKeyPinned: 'Key pinned in the fleet file',
  hostKeyNone: 'none',
  hostKeyCompared: 'I compared this fingerprint with the node (ssh-keygen -lf)',
  hostKeyApprove: 'Approve and pin this key',
  hostKeyReapprove: 'Re-approve: replace the pinned key',
  hostKeyApproved: 'Pinned.',
  diagnosticsCopy: 'Copy diagnostics',
  diagnosticsCopying: 'Gathering…',
  diagnosticsCopied: 'Diagnostics copied to the clipboard. Secrets are removed.',
  diagnosticsNoClipboard: 'The clipboard is not available; select the text below and copy it.',
  diagnosticsText: 'Diagnostics text',
  failed: (message: string) => `Failed: ${message}`,
};

type SettingsText = typeof en;

const ptBR: SettingsText = {
  fleetTitle: 'Arquivo da frota',
  fleetHelp:
    'Edite o arquivo da frota com que o núcleo foi iniciado. Ele é verificado enquanto você ' +
    'digita, com as mesmas mensagens do comando control-room; só um arquivo sem problemas ' +
    'pode ser salvo.',
  fleetLoading: 'Lendo o arquivo da frota…',
  fleetNone: 'Nenhum arquivo da frota para editar',
  fleetEditor: 'Arquivo da frota (YAML)',
  fleetChecking: 'Verificando…',
  fleetValid: 'Nenhum problema encontrado.',
  fleetProblems: (count: number) => (count === 1 ? '1 problema:' : `${count} problemas:`),
  fleetSave: 'Salvar',
  fleetRevert: 'Desfazer minhas alterações',
  fleetSaved: (file: string, backup: string) => `Salvo em ${file}; o anterior está em ${backup}.`,
  hostKeysTitle: 'Chaves de host',
  hostKeysHelp:
    'O aplicativo só se conecta por SSH a um nó cuja chave de host está fixada no arquivo da ' +
    'frota. Compare uma chave nova com o próprio nó antes de aprová-la.',
  hostKeysNoNodes: 'A frota não tem nós.',
  hostKeyCheck: 'Verificar chave de host',
  hostKeyChecking: 'Consultando o nó…',
  hostKeyStates: {
    unknown: 'Ainda não aprovada',
    approved: 'Aprovada',
    changed: 'ALTERADA: bloqueado',
    unreachable: 'Não foi possível obter a chave',
  },
  hostKeyPresented: 'Chave apresentada pelo nó',
  hostKeyPinned: 'Chave fixada no arquivo da frota',
  hostKeyNone: 'nenhuma',
  hostKeyCompared: 'Comparei esta impressão digital com o nó (ssh-keygen -lf)',
  hostKeyApprove: 'Aprovar e fixar esta chave',
  hostKeyReapprove: 'Reaprovar: substituir a chave fixada',
  hostKeyApproved: 'Fixada.',
  diagnosticsCopy: 'Copiar diagnóstico',
  diagnosticsCopying: 'Reunindo…',
  diagnosticsCopied: 'Diagnóstico copiado para a área de transferência. Segredos removidos.',
  diagnosticsNoClipboard:
    'A área de transferência não está disponível; selecione o texto abaixo e copie-o.',
  diagnosticsText: 'Texto do diagnóstico',
  failed: (message: string) => `Falhou: ${message}`,
};

export const settingsText: Record<'en' | 'pt-BR', SettingsText> = { en, 'pt-BR': ptBR };

export function useSettingsText(): SettingsText {
  const { i18n } = useTranslation();
  return i18n.language === 'pt-BR' ? ptBR : en;
}
