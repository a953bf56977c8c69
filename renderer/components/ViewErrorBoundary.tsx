// Keeps one view's failure from blanking the whole window: the frame, the navigation and the
// connection indicator stay, and the view says what went wrong. Resets when the view changes.
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  view: string;
  children: ReactNode;
}

export class ViewErrorBoundary extends Component<Props, { error: Error | null; view: string }> {
  override state = { error: null as Error | null, view: this.props.view };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; view: string }) {
    return props.view === state.view ? null : { error: null, view: props.view };
  }

  override render() {
    return this.state.error ? <ViewFailed error={this.state.error} /> : this.props.children;
  }
}

function ViewFailed({ error }: { error: Error }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="verdict">
      {t('errors.viewFailed', { message: error.message })}
    </div>
  );
}
