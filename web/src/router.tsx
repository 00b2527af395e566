import { createBrowserRouter, Navigate, Outlet, type RouteObject } from 'react-router';
import { ForgotPasswordPage } from './features/auth/ForgotPasswordPage';
import { LoginPage } from './features/auth/LoginPage';
import { PublicOnly } from './features/auth/PublicOnly';
import { RequireAuth } from './features/auth/RequireAuth';
import { ResetPasswordPage } from './features/auth/ResetPasswordPage';
import { SignupPage } from './features/auth/SignupPage';
import { VerifyEmailPage } from './features/auth/VerifyEmailPage';
import { AppLayout } from './features/shell/AppLayout';
import { NotFoundPage } from './features/shell/NotFoundPage';
import { RouteErrorPage } from './features/shell/RouteErrorPage';
import { InvitePage } from './features/workspaces/InvitePage';
import { featureRoutes } from './routes';

const firstPage = featureRoutes[0]?.path ?? 'settings';

/** Public pages (the paths mails link to) and the signed-in app under /app. */
export const routeTree: RouteObject[] = [
  {
    element: <Outlet />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/', element: <Navigate to="/app" replace /> },
      {
        element: <PublicOnly />,
        children: [
          { path: '/login', element: <LoginPage /> },
          { path: '/signup', element: <SignupPage /> },
          { path: '/forgot-password', element: <ForgotPasswordPage /> },
        ],
      },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/verify-email', element: <VerifyEmailPage /> },
      { path: '/invite/:token', element: <InvitePage /> },
      {
        path: '/app',
        element: (
          <RequireAuth>
            <AppLayout routes={featureRoutes} />
          </RequireAuth>
        ),
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to={firstPage} replace /> },
          ...featureRoutes.map((r): RouteObject => ({ path: r.path, element: r.element, children: r.children })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage home="/" /> },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routeTree);
